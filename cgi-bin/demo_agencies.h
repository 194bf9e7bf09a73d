/* Demo agency tree data (see demo_agencies.c). */
#ifndef CADRE_DEMO_AGENCIES_H
#define CADRE_DEMO_AGENCIES_H

struct demo_agency {
  const char *code, *parent, *kind, *name, *short_name, *scope;
};

struct demo_province {
  const char *name;       /* "Hà Nội" */
  const char *committee;  /* "Thành ủy Hà Nội" */
  const char *school;     /* its political school */
  int communes;           /* communes, wards and special zones */
  const char *special[4]; /* special zones (đặc khu) */
};

struct demo_user {
  const char *login, *name, *agency, *roles, *email;
};

extern const struct demo_agency demo_central[];
extern const struct demo_province demo_provinces[34];
extern const struct demo_user demo_users[];

#endif
