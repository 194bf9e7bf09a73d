/* Everything a plugin includes: the ABI and the host's services. */
#ifndef CADRE_H
#define CADRE_H

#include "cadre/version.h"
#include "cadre/arena.h"
#include "cadre/plugin.h"
#include "cadre/request.h"
#include "cadre/db.h"
#include "cadre/auth.h"
#include "cadre/audit.h"
#include "cadre/outbox.h"
#include "cadre/files.h"
#include "cadre/export.h"
#include "cadre/text.h"
#include "cadre/date.h"
#include "cadre/host.h"
#include "cadre/session.h"
#include "cadre/agency.h"
#include "cadre/validate.h"
#include "cadre/row.h"
#include "cadre/batch.h"

#endif
