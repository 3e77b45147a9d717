using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Lode.Snapshots;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>
    /// Takes a snapshot of the directory <paramref name="source"/>: reads every file once and stores the container,
    /// then the manifest, which makes the snapshot visible (its data is durable from then on), then — unless
    /// <see cref="SnapshotOptions.Index"/> is false — its search index, built while the files were read and finished
    /// after. A crash at any point leaves no visible partial snapshot; a crash after the manifest leaves the snapshot
    /// without an index (searches scan it; <see cref="BuildIndex"/> adds one). Not safe to call concurrently on one instance.
    /// </summary>
    /// <remarks>Before any file is read, the tag is checked (<see cref="CheckTag"/>) and the store must take a write;
    /// the repository's own directories are never read (<see cref="WalkFilter"/>).</remarks>
    /// <exception cref="LodeException">The source is not a readable directory, the tag is unusable or ambiguous, an
    /// exclude pattern is empty, or storing failed.</exception>
    /// <exception cref="Lode.ObjectStorage.ObjectStoreException">The store refuses writes (checked first) or failed.</exception>
    public SnapshotResult CreateSnapshot(string source, SnapshotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new SnapshotOptions();
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        string root = ResolveSourceDirectory(source);
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        // One listing serves the tag check, the previous snapshot and the dedup table: on a remote store each is a
        // round trip per manifest.
        var snapshots = ListSnapshots();
        CheckBeforeReading(id, options.Tag, snapshots);
        ScratchDirectory.SweepAbandoned();
        using var temp = ScratchDirectory.Create("lode-snapshot-");
        using var previous = OpenPrevious(root, snapshots);
        string dataPath = Path.Combine(temp.Path, "data");
        var snapshotter = new Snapshotter(options, previous, new WalkFilter(options, [temp.Path, .. OwnDirectories()]));
        var indexOptions = new SearchIndexWriterOptions
        {
            ShardSize = options.IndexShardSize,
            WorkingDirectory = temp.Path,
            SlotsReservedWhileFeeding = 1,
        };
        using var index = options.Index ? new SearchIndexWriter(Path.Combine(temp.Path, "index"), indexOptions, previous) : null;
        FileTable table;
        SnapshotWriteResult written;
        using (var dataFile = new FileStream(dataPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20))
        using (var writer = SnapshotWriter.Create(dataFile, WriterOptions(snapshots)))
        {
            writer.Append(SnapshotStreams.Data, []); // Every container has a data stream, even when every file is empty.
            table = snapshotter.Run(root, writer, index);
            writer.Append(SnapshotStreams.Meta, table.Serialize());
            written = writer.Finish();
        }
        options.Progress?.Report(new SnapshotProgress(0, snapshotter.BytesRead, "", "storing"));
        var manifest = new SnapshotManifest
        {
            Id = id,
            Time = started,
            Source = root,
            Host = Environment.MachineName,
            Tag = options.Tag,
            Files = table.Entries.Count(e => e.Kind == FileKind.File),
            Directories = table.Entries.Count(e => e.Kind == FileKind.Directory),
            Symlinks = table.Entries.Count(e => e.Kind == FileKind.Symlink),
            Size = table.Entries.Sum(e => e.Size),
            DataKey = ObjectKeys.Data(id),
            DataLength = new FileInfo(dataPath).Length,
            DataRoot = written.IntegrityRoot,
            IndexLength = 0,
            UnchangedFiles = snapshotter.UnchangedFiles,
            WriterVersion = WriterVersion,
        };
        PutFile(manifest.DataKey, dataPath);
        PutManifest(manifest);
        RecordInCatalog(manifest, table);
        var durable = clock.Elapsed;
        options.Progress?.Report(new SnapshotProgress(snapshotter.Files, snapshotter.BytesRead, "", "indexing"));
        var stored = index is null ? null : StoreIndex(id, index, temp.Path, options.Progress, clock);
        return new SnapshotResult(manifest, snapshotter.BytesRead, manifest.DataLength + (stored?.BytesStored ?? 0),
            stored?.BytesStored ?? 0, stored?.TextBytes ?? 0, snapshotter.Warnings, clock.Elapsed)
        {
            DurableElapsed = durable,
            CarriedIndexShards = stored?.CarriedShards ?? 0,
            IndexShards = stored?.Shards ?? 0,
        };
    }

    /// <summary>The latest snapshot of the same source directory on this host, whose unchanged files (and perhaps
    /// whole index) the new snapshot takes by reference; null when there is none.</summary>
    private SnapshotView? OpenPrevious(string root, IReadOnlyList<SnapshotManifest> snapshots)
    {
        var manifest = snapshots.LastOrDefault(m => m.Source == root && m.Host == Environment.MachineName);
        return manifest is null ? null : OpenSnapshot(manifest);
    }

    private SnapshotWriterOptions WriterOptions(IReadOnlyList<SnapshotManifest> snapshots) => new()
    {
        Codec = Config.Compression,
        Level = Config.CompressionLevel,
        BlockLookup = BuildBlockIndex(snapshots),
        Encryption = _containerEncryption,
    };

    private void PutManifest(SnapshotManifest manifest)
    {
        using var json = new MemoryStream(SealObject(ObjectKeys.Manifest(manifest.Id), JsonSerializer.SerializeToUtf8Bytes(manifest, LodeJsonContext.Default.SnapshotManifest)));
        if (!Sync(_store.PutIfAbsentAsync(ObjectKeys.Manifest(manifest.Id), json)))
        {
            throw new LodeException($"A snapshot with id {manifest.Id} already exists in {Location}.");
        }
    }

    /// <summary>"lode/&lt;version&gt;" of the engine assembly.</summary>
    internal static string WriterVersion { get; } =
        "lode/" + (typeof(Repository).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    private void PutFile(string key, string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        Sync(_store.PutAsync(key, stream));
    }

    private static string ResolveSourceDirectory(string source)
    {
        if (source.Length == 0)
        {
            throw new LodeException("Cannot snapshot an empty path; name a directory.");
        }
        string full = Path.GetFullPath(source);
        if (!Directory.Exists(full))
        {
            throw new LodeException($"Cannot snapshot {source}: it is not a directory.");
        }
        var target = Directory.ResolveLinkTarget(full, returnFinalTarget: true);
        return target?.FullName ?? full;
    }
}
