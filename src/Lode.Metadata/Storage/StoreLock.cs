using Microsoft.Win32.SafeHandles;

namespace Lode.Metadata.Storage;

/// <summary>
/// The store directory's <c>LOCK</c> file, held open with an exclusive advisory lock (<c>flock</c>, which .NET takes
/// for <see cref="FileShare.None"/>) for as long as the store is open. The kernel drops the lock when the process
/// dies, so a crashed writer never leaves the directory locked.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    // On Linux .NET reports flock's EWOULDBLOCK (11) as the HResult; Windows' sharing violation for completeness.
    private const int WouldBlock = 11;
    private const int SharingViolation = unchecked((int)0x80070020);
    private readonly SafeFileHandle _handle;

    private StoreLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>Takes the lock of <paramref name="directory"/>.</summary>
    /// <exception cref="MetadataLockedException">Another store, in this process or another, holds it.</exception>
    public static StoreLock Acquire(string directory)
    {
        string path = Path.Combine(directory, "LOCK");
        try
        {
            return new StoreLock(File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e.HResult is WouldBlock or SharingViolation)
        {
            throw new MetadataLockedException(
                $"The metadata store in {directory} is already open by another writer ({path} is locked). Close the other store or wait for its process to exit, then open again.",
                e);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _handle.Dispose();
}
