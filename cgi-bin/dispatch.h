/* The request pipeline (see dispatch.c). */
#ifndef CADRE_DISPATCH_H
#define CADRE_DISPATCH_H

#include <fcgiapp.h>

#include "cadre/arena.h"
#include "config.h"

/* Serves one accepted FastCGI request; the arena is reset by the caller. */
void cadre_dispatch(FCGX_Request *fr, cadre_arena *arena, const struct cadre_config *conf);
const char *cadre_env_get(char **env, const char *name);

#endif
