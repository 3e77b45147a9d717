using System.Runtime.InteropServices;

namespace Lode.ObjectStorage;

/// <summary>
/// <c>madvise(2)</c> from libc, for the disk cache's idle sweep. Lives here rather than in Lode.IO's OS hints for
/// now; it can move there unchanged.
/// </summary>
internal static unsafe partial class Madvise
{
    /// <summary>MADV_DONTNEED: the pages may be dropped; a later access faults them in again from the file.</summary>
    private const int DontNeed = 4;

    /// <summary>
    /// Releases the resident pages of the mapped range. <paramref name="address"/> must be page-aligned (a
    /// mapping's start is). Returns 0, or the <c>errno</c> of the failure; failure only means the pages stay.
    /// </summary>
    public static int DontNeedPages(byte* address, long length) =>
        MadviseNative(address, (nuint)length, DontNeed) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int MadviseNative(byte* address, nuint length, int advice);
}
