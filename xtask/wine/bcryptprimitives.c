/* A stand-in bcryptprimitives.dll for the Wine smoke run of `cargo xtask package` ONLY (it is
 * never installed with Linli). Rust's standard library (1.78 and later) and getrandom take their
 * random bytes from ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has but
 * Debian 12's Wine 8.0 lacks, so no Rust program starts there. This one answers ProcessPrng from
 * advapi32's RtlGenRandom (SystemFunction036), which Wine has. Built by x86_64-w64-mingw32-gcc
 * and copied into the throwaway Wine prefix's system32. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
