using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots;

/// <summary>Full verification of every index page and block.</summary>
public sealed partial class SnapshotReader
{
    /// <summary>
    /// Checks every index page (CRC32C, and SHA-256 against the master index) and every block (CRC32C of the
    /// stored bytes, decompression to the exact length, SHA-256 of the plaintext; zero blocks: the SHA-256 of
    /// zeros). Stored bytes shared by duplicate blocks are decoded once. Runs on the calling thread, bypassing
    /// the caches.
    /// </summary>
    /// <param name="progress">Receives the stored bytes checked so far (index pages plus distinct blocks), ending
    /// below the file length.</param>
    /// <exception cref="SnapshotCorruptException">The first damage found, with its stream and block.</exception>
    /// <exception cref="SnapshotFormatException">An index page is malformed.</exception>
    public void Verify(IProgress<long>? progress = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var verified = new Dictionary<(long Offset, int Length, byte Flags), Sha256Digest>();
        var zeroHashes = new Dictionary<int, Sha256Digest>();
        long checkedBytes = 0;
        byte[] plain = new byte[Header.Chunking.LargestBlock];
        foreach (var index in _streams.Values)
        {
            for (int p = 0; p < index.Pages.Length; p++)
            {
                var entry = index.Pages[p];
                var bytes = _source.ReadBytes(entry.Offset, entry.Length);
                var page = IndexPage.Parse(bytes, index, p, _fields.Codec, Header.Chunking.LargestBlock, _source.Length);
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
                    checkedBytes += VerifyBlock(index.Name, entry.FirstBlock + b, page.Blocks[b], plain, verified, zeroHashes);
                    progress?.Report(checkedBytes);
                }
            }
        }
    }

    private int VerifyBlock(string stream, long blockNumber, in BlockInfo info, byte[] plain,
        Dictionary<(long Offset, int Length, byte Flags), Sha256Digest> verified, Dictionary<int, Sha256Digest> zeroHashes)
    {
        Sha256Digest actual;
        int storedBytes = 0;
        if (info.Kind == BlockKind.Zero)
        {
            if (!zeroHashes.TryGetValue(info.LogicalLength, out actual))
            {
                actual = Sha256Digest.Compute(new byte[info.LogicalLength]);
                zeroHashes.Add(info.LogicalLength, actual);
            }
        }
        else if (!verified.TryGetValue((info.StoredOffset, info.StoredLength, info.Flags), out actual))
        {
            var span = plain.AsSpan(0, info.LogicalLength);
            storedBytes = DecodeBlock(stream, blockNumber, info, span);
            actual = Sha256Digest.Compute(span);
            verified.Add((info.StoredOffset, info.StoredLength, info.Flags), actual);
        }
        if (actual != info.Sha256)
        {
            throw new SnapshotCorruptException(
                $"Block {blockNumber} of stream '{stream}' is corrupt: SHA-256 {info.Sha256} expected, {actual} found.",
                stream, blockNumber, info.Sha256.ToString(), actual.ToString());
        }
        return storedBytes;
    }
}
