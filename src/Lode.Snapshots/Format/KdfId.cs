namespace Lode.Snapshots.Format;

/// <summary>How the master key of an encrypted snapshot is obtained. Written to disk; values never change.</summary>
internal enum KdfId : byte
{
    /// <summary>Not encrypted.</summary>
    None = 0,

    /// <summary>The caller supplies the 32-byte master key (e.g. a repository key).</summary>
    RawKey = 1,

    /// <summary>PBKDF2-HMAC-SHA256 of a password with the header's salt and iteration count.</summary>
    Pbkdf2Sha256 = 2,
}
