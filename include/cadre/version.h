#ifndef CADRE_VERSION_H
#define CADRE_VERSION_H
#define CADRE_VERSION "0.1.0"
#endif
