using Lode.ObjectStorage;

namespace Lode;

/// <summary>
/// What a remote repository held at one moment: its config and every object under <c>snapshots/</c> and
/// <c>indexes/</c>, the only keys whose set changes over time (containers and indexes are named by the snapshot
/// that owns them, and every object is written once). Commands resolve snapshots and find rebuilt indexes from it,
/// so a listing reused across commands saves their round trips (see <see cref="RepositoryOptions.ListingTtl"/>).
/// </summary>
/// <param name="Taken">When the listing began (UTC): every object stored before then is in it.</param>
/// <param name="Config">The bytes of the repository's <c>config</c> object.</param>
/// <param name="Objects">The objects under the listed prefixes, in ordinal key order.</param>
internal sealed record RemoteListing(DateTimeOffset Taken, byte[] Config, IReadOnlyList<ObjectInfo> Objects)
{
    /// <summary>The prefixes a listing covers.</summary>
    public static readonly string[] Prefixes = [ObjectKeys.SnapshotsPrefix, ObjectKeys.IndexesPrefix];

    /// <summary>Whether a listing holds the answer for <paramref name="prefix"/> (a prefix inside one of <see cref="Prefixes"/>).</summary>
    public static bool Covers(string prefix) => Prefixes.Any(p => prefix.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Whether a write of <paramref name="key"/> changes what a listing holds.</summary>
    public static bool Affects(string key) => key == ObjectKeys.Config || Covers(key);

    /// <summary>The listed objects whose keys start with <paramref name="prefix"/>, in ordinal key order.</summary>
    public IEnumerable<ObjectInfo> Under(string prefix) => Objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal));
}
