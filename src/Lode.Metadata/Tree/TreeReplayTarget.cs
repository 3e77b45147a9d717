using Lode.Metadata.Wal;

namespace Lode.Metadata.Tree;

/// <summary>Applies replayed or loaded records to a tree, unconditionally, keeping the largest version seen.</summary>
internal sealed class TreeReplayTarget(AdaptiveRadixTree tree) : IWalReplayTarget
{
    /// <summary>The largest version stored through this target.</summary>
    public long MaxVersion { get; private set; }

    /// <inheritdoc/>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long version)
    {
        var op = new ApplyWrite(value, version);
        tree.Store(key, ref op);
        MaxVersion = Math.Max(MaxVersion, version);
    }

    /// <inheritdoc/>
    public void Delete(ReadOnlySpan<byte> key)
    {
        var op = new ApplyWrite(default, 0);
        tree.Remove(key, ref op);
    }
}
