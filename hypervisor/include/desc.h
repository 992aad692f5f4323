#ifndef HV_DESC_H
#define HV_DESC_H

#include "types.h"

void desc_init(void);
bool segment_limits_enforced(void);

#endif
