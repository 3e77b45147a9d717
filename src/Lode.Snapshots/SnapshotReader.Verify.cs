using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots;

/// <summary>Full verification of every index page and block.</summary>
public sealed partial class SnapshotReader
{
    /// <summary>
    /// Checks every index page (CRC32C, and SHA-256 against the master index) and every block: stored and duplicate
    /// blocks by CRC32C of the stored bytes, AES-GCM tag when encrypted, decompression to the exact length and the
    /// (keyed) hash of the plaintext; zero blocks by the hash of zeros; parent blocks by following the parent chain
    /// (opening parents through the loader) to the block that stores the bytes and checking that every step records
    /// the same length and hash — the stored bytes there are proved by verifying that snapshot. Open already
    /// proved the header (CRC, MAC), the descriptor and parent list (SHA-256 in the header), the master indexes
    /// and the dictionary. Stored bytes shared by duplicate blocks are decoded once. Runs on the calling thread,
    /// bypassing the block cache.
    /// </summary>
    /// <param name="progress">Receives the stored bytes checked so far (index pages plus distinct blocks), ending
    /// below the file length.</param>
    /// <exception cref="SnapshotCorruptException">The first damage found, with its stream and block.</exception>
    /// <exception cref="SnapshotFormatException">An index page is malformed.</exception>
    /// <exception cref="SnapshotAuthenticationException">A block fails its AES-GCM tag.</exception>
    /// <exception cref="ParentSnapshotNotFoundException">A parent cannot be opened.</exception>
    public void Verify(IProgress<long>? progress = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var verified = new Dictionary<(long Offset, int Length, byte Flags), Sha256Digest>();
        var zeroHashes = new Dictionary<int, Sha256Digest>();
        long checkedBytes = 0;
        byte[] plain = new byte[_streamList.Select(s => s.Settings.Chunking.LargestBlock).DefaultIfEmpty(0).Max()];
        foreach (var index in _streamList)
        {
            for (int p = 0; p < index.Pages.Length; p++)
            {
                var entry = index.Pages[p];
                var bytes = _source.ReadBytes(entry.Offset, entry.Length);
                var page = IndexPage.Parse(bytes, index, p, _rules);
                var sha = Sha256Digest.Compute(bytes);
                if (sha != entry.Sha256)
                {
                    throw new SnapshotCorruptException(
                        $"Index page {p} of stream '{index.Name}' is corrupt: SHA-256 {entry.Sha256} expected, {sha} found.",
                        index.Name, entry.FirstBlock, entry.Sha256.ToString(), sha.ToString());
                }
                checkedBytes += entry.Length;
                progress?.Report(checkedBytes);
                for (int b = 0; b < page.Blocks.Length; b++)
                {
                    checkedBytes += VerifyBlock(index, entry.FirstBlock + b, page.Blocks[b], plain, verified, zeroHashes);
                    progress?.Report(checkedBytes);
                }
            }
        }
    }

    private int VerifyBlock(StreamIndex index, long blockNumber, in BlockInfo info, byte[] plain,
        Dictionary<(long Offset, int Length, byte Flags), Sha256Digest> verified, Dictionary<int, Sha256Digest> zeroHashes)
    {
        Sha256Digest actual;
        int storedBytes = 0;
        switch (info.Kind)
        {
            case SnapshotBlockKind.Parent:
                ResolveParent(index, blockNumber, info);
                return 0;
            case SnapshotBlockKind.Zero:
                if (!zeroHashes.TryGetValue(info.LogicalLength, out actual))
                {
                    actual = _transform.Hasher.Compute(new byte[info.LogicalLength]);
                    zeroHashes.Add(info.LogicalLength, actual);
                }
                break;
            default:
                if (!verified.TryGetValue((info.StoredOffset, info.StoredLength, info.Flags), out actual))
                {
                    var span = plain.AsSpan(0, info.LogicalLength);
                    storedBytes = DecodeBlock(index, blockNumber, info, span);
                    actual = _transform.Hasher.Compute(span);
                    verified.Add((info.StoredOffset, info.StoredLength, info.Flags), actual);
                }
                break;
        }
        if (actual != info.Sha256)
        {
            throw new SnapshotCorruptException(
                $"Block {blockNumber} of stream '{index.Name}' is corrupt: hash {info.Sha256} expected, {actual} found.",
                index.Name, blockNumber, info.Sha256.ToString(), actual.ToString());
        }
        return storedBytes;
    }
}
