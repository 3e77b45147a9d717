namespace Lode.Metadata.Tree;

/// <summary>
/// A change to one key of the tree, decided under the lock of the node that holds the key's slot, so the
/// decision (a compare-and-put's version check, a put-if-absent's absence check) and the change are atomic with
/// respect to every other writer of that key. The store also reserves the write-ahead log record in
/// <see cref="Decide"/>, which makes log order agree with the order in which writers change each key.
/// </summary>
internal interface IArtWrite
{
    /// <summary>
    /// Called exactly once per successful change attempt, with every lock the change needs already held, and with
    /// the key's current record (null when absent). Returns false to leave the tree unchanged. Must not throw
    /// after reserving anything it cannot take back.
    /// </summary>
    bool Decide(MetadataRecord? current);

    /// <summary>The value to store (read after <see cref="Decide"/> returned true; unused by removals).</summary>
    ReadOnlySpan<byte> Value { get; }

    /// <summary>The version to store (read after <see cref="Decide"/> returned true; unused by removals).</summary>
    long Version { get; }
}
