namespace Lode.Snapshots.Format;

/// <summary>
/// The header's required-feature bits (offset 32): a reader refuses a file with a bit it does not know. Written to
/// disk; values never change.
/// </summary>
[Flags]
internal enum Features : uint
{
    /// <summary>No 1.1 feature: the file has the exact 1.0 layout.</summary>
    None = 0,

    /// <summary>A descriptor region holds per-stream settings (and the parent table and dictionary location).</summary>
    Descriptor = 1,

    /// <summary>Blocks and the dictionary are AES-256-GCM encrypted; block hashes are keyed; the header has a MAC.</summary>
    Encryption = 2,

    /// <summary>Index pages may hold parent blocks; the descriptor lists the parents.</summary>
    ParentBlocks = 4,

    /// <summary>zstd blocks use the dictionary the descriptor points at.</summary>
    Dictionary = 8,

    /// <summary>Every bit this library knows.</summary>
    Known = Descriptor | Encryption | ParentBlocks | Dictionary,
}
