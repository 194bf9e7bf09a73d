/* Temporary descriptor while the routes are written. */
#include <cadre/cadre.h>

static const struct cadre_route routes[] = {{.path = NULL}};
static const struct cadre_plugin accreditation = {
    .abi = CADRE_ABI_BLOCK,
    .name = "accreditation",
    .title = "Trường chính trị chuẩn",
    .version = "0.1",
    .routes = routes,
};
CADRE_PLUGIN(accreditation)
