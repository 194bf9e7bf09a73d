/* Plugin descriptor checks: ABI block and route table (see abi_check.c). */
#ifndef CADRE_ABI_CHECK_H
#define CADRE_ABI_CHECK_H

#include <stddef.h>

#include "cadre/plugin.h"

/* The host's own ABI block. */
struct cadre_abi cadre_host_abi(void);
/* 0 when `got` matches the host field by field; otherwise -1 and `why` names
 * the first field that differs, with both values. The magic is checked
 * first, so a garbled descriptor is not read further. */
int cadre_abi_check(const struct cadre_abi *got, char *why, size_t n);
/* 0 when the descriptor's name, routes and fields are well formed: paths
 * start with '/', {params} are declared CF_PATH fields and vice versa, no two
 * routes share a method and path, field names are unique per route. */
int cadre_plugin_check(const struct cadre_plugin *p, char *why, size_t n);

#endif
