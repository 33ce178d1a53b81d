// Prefixed shims over zlib's gzip file functions (`gzopen`, `gzread`, …), for reading turn logs that
// logrotate compressed. Only the `TurnLog` module imports this module; it turns the results into Swift errors.
//
// zlib's gz* functions read plain files transparently, decompress concatenated gzip members as one stream,
// and after a truncated member return the data up to the cut and report Z_BUF_ERROR through `gzerror`.

#ifndef CZLIB_H
#define CZLIB_H

#include <zlib.h>

#pragma clang assume_nonnull begin

/// An open gzip (or plain) file for reading; NULL when the file could not be opened (see errno).
static inline gzFile _Nullable czlib_open_for_reading(const char *path) {
    return gzopen(path, "rb");
}

/// Sets the size of zlib's input buffer (the output buffer is the same size). Call before the first read.
static inline int czlib_set_buffer_size(gzFile file, unsigned size) {
    return gzbuffer(file, size);
}

/// Reads up to `length` uncompressed bytes; 0 at the end, -1 on an error (see `czlib_error_code`).
static inline int czlib_read(gzFile file, void *buffer, unsigned length) {
    return gzread(file, buffer, length);
}

/// The last error's zlib code (Z_OK, Z_BUF_ERROR for a truncated file, Z_DATA_ERROR, Z_ERRNO, …).
static inline int czlib_error_code(gzFile file) {
    int code = Z_OK;
    (void)gzerror(file, &code);
    return code;
}

/// The last error's message, owned by zlib and valid until the next call on `file`.
static inline const char *czlib_error_message(gzFile file) {
    int code = Z_OK;
    const char *message = gzerror(file, &code);
    return message != NULL ? message : "";
}

/// Whether the file is read as is (not gzip-compressed).
static inline int czlib_is_plain(gzFile file) {
    return gzdirect(file);
}

/// Closes the file and frees zlib's state.
static inline int czlib_close(gzFile file) {
    return gzclose(file);
}

static const int czlib_ok = Z_OK;
static const int czlib_buffer_error = Z_BUF_ERROR;
static const int czlib_errno = Z_ERRNO;

#pragma clang assume_nonnull end

#endif
