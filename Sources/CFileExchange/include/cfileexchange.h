#ifndef BRIEFING_CSYSTEM_H
#define BRIEFING_CSYSTEM_H

/// Exchanges two paths atomically (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1
/// with errno set (ENOSYS or EINVAL where the kernel or file system cannot do it).
int briefing_exchange(const char *a, const char *b);

#endif
