/* cadre_host_conf(): configuration lookups for plugin init(). The opaque
 * struct cadre_host is the process configuration. */
#include "cadre/plugin.h"
#include "config.h"

const char *cadre_host_conf(const struct cadre_host *host, const char *section, const char *key) {
  const struct cadre_config *c = (const struct cadre_config *)host;
  if (!c)
    c = cadre_config_current();
  return c ? cadre_config_get(c, section, key) : NULL;
}
