/* The master process: workers, signals, reload (see master.c). */
#ifndef CADRE_MASTER_H
#define CADRE_MASTER_H

/* Runs the service with the configuration file at conf_path until SIGTERM
 * or SIGINT; returns the process exit status. */
int cadre_master_run(const char *conf_path);

#endif
