/* Field validation against a route's declaration (see lib/validate.c). */
#ifndef CADRE_VALIDATE_H
#define CADRE_VALIDATE_H

#include "request_internal.h"

/* Validates req->pairs (query + body) and the router's path pairs against
 * req->route->fields; fills req->params and req->files with the declared,
 * normalised values. Returns 0, or the status it answered (422 with field
 * errors; 404 when a path parameter is malformed). */
int cadre_validate(cadre_req *req, struct cadre_pair *path, size_t npath);

#endif
