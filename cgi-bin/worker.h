/* A worker process: a pool and a fixed set of accept threads (worker.c). */
#ifndef CADRE_WORKER_H
#define CADRE_WORKER_H

#include "config.h"

/* Runs in the forked child; returns the exit status when drained. */
int cadre_worker_main(const struct cadre_config *conf, int listen_fd, int index);

#endif
