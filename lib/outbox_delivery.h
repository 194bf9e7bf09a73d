/* Outbox delivery loop (see outbox_delivery.c). */
#ifndef CADRE_OUTBOX_DELIVERY_H
#define CADRE_OUTBOX_DELIVERY_H

#include "request_internal.h"

/* One pass over due messages; returns how many were due, -1 on error.
 * curl_global_init() must have been called. */
int cadre_outbox_pass(cadre_req *req);

#endif
