using System.Buffers.Binary;
using System.Security.Cryptography;
using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Writing;

namespace Lode.Snapshots;

/// <summary>The index part: index pages as they fill, then master indexes, the descriptor and the header.</summary>
public sealed partial class SnapshotWriter
{
    private void AddToPage(StreamState state, in BlockInfo info)
    {
        info.Write(state.Page.AsSpan(8 + (state.PageBlockCount * BlockInfo.Size)));
        state.PageBlockCount++;
        state.BlockCount++;
        state.CommittedLength += info.LogicalLength;
        if (state.PageBlockCount == SnapshotLayout.MaxBlocksPerPage)
        {
            WritePage(state);
        }
    }

    /// <summary>Writes the stream's open index page (if it has blocks) at the current position.</summary>
    private void WritePage(StreamState state)
    {
        int count = state.PageBlockCount;
        if (count == 0)
        {
            return;
        }
        int length = SnapshotLayout.PageLength(count);
        var page = state.Page.AsSpan(0, length);
        SnapshotLayout.PageMagic.CopyTo(page);
        BinaryPrimitives.WriteInt32LittleEndian(page[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(page[(length - 4)..], Crc32C.Compute(page[..(length - 4)]));
        long firstBlock = state.BlockCount - count;
        state.Pages.Add(new PageEntry(_position, length, count, firstBlock, state.PageFirstLogical, Sha256Digest.Compute(page)));
        WriteOutput(page);
        state.PageBlockCount = 0;
        state.PageFirstLogical = state.CommittedLength;
    }

    private SnapshotWriteResult WriteIndexAndHeader()
    {
        foreach (var state in _streams)
        {
            WritePage(state);
        }
        using var root = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> digest = stackalloc byte[Sha256Digest.Size];
        foreach (var state in _streams)
        {
            var master = new byte[SnapshotLayout.MasterLength(state.Pages.Count)];
            SnapshotLayout.MasterMagic.CopyTo(master);
            BinaryPrimitives.WriteInt32LittleEndian(master.AsSpan(4), state.Pages.Count);
            for (int i = 0; i < state.Pages.Count; i++)
            {
                state.Pages[i].Write(master.AsSpan(8 + (i * PageEntry.Size)));
                state.Pages[i].Sha256.Write(digest);
                root.AppendData(digest);
            }
            state.MasterOffset = _position;
            state.MasterSha256 = Sha256Digest.Compute(master);
            WriteOutput(master);
        }
        var descriptor = WriteDescriptor();
        if (descriptor.IsPresent)
        {
            descriptor.Sha256.Write(digest);
            root.AppendData(digest);
        }
        root.GetHashAndReset(digest);
        var integrityRoot = Sha256Digest.Read(digest);
        long fileLength = _position;
        var header = new byte[SnapshotLayout.HeaderSize];
        var fields = BuildHeader(fileLength, integrityRoot, descriptor);
        fields.Write(header);
        if (_keys is not null)
        {
            (fields with { Mac = _keys.Keys.ComputeMac(header) }).Write(header);
        }
        _output.Seek(0, SeekOrigin.Begin);
        _output.Write(header);
        _output.Seek(fileLength, SeekOrigin.Begin);
        _output.Flush();
        return new SnapshotWriteResult(
            _streams.Sum(s => s.CommittedLength), fileLength, _streams.Sum(s => s.BlockCount), _storedBlocks, _zeroBlocks, _duplicateBlocks, integrityRoot.ToString())
        {
            ParentBlocks = _parentBlocks,
            ParentBytes = _parentBytes,
            Parents = _parents.Entries.Select(p => p.ToPublic()).ToArray(),
            DictionaryLength = _dictionary?.Bytes.Length ?? 0,
        };
    }

    /// <summary>Writes the descriptor when a stream differs from the defaults, there are parents, or a dictionary.</summary>
    private RegionRef WriteDescriptor()
    {
        bool needed = _parents.Entries.Count > 0 || _dictionary is not null || _streams.Exists(s => s.Settings != _defaults);
        if (!needed)
        {
            return default;
        }
        var bytes = new Descriptor(_streams.ConvertAll(s => s.Settings), _parents.Entries, _dictionary?.Bytes.Length ?? 0, _dictionaryRegion).Encode();
        var region = new RegionRef(_position, bytes.Length, Sha256Digest.Compute(bytes));
        WriteOutput(bytes);
        return region;
    }

    private HeaderFields BuildHeader(long fileLength, Sha256Digest integrityRoot, RegionRef descriptor)
    {
        var features = Features.None;
        features |= descriptor.IsPresent ? Features.Descriptor : 0;
        features |= _keys is not null ? Features.Encryption : 0;
        features |= _parents.Entries.Count > 0 ? Features.ParentBlocks : 0;
        features |= _dictionary is not null ? Features.Dictionary : 0;
        var streams = _streams.ConvertAll(s =>
            new StreamEntry(s.Name, s.CommittedLength, s.BlockCount, s.MasterOffset, s.Pages.Count, s.MasterSha256));
        var current = SnapshotVersion.Current;
        var chunking = _defaults.Chunking;
        return new HeaderFields(
            current.Major,
            current.Minor,
            SnapshotLayout.HeaderSize,
            fileLength,
            (_createdAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond,
            features,
            _defaults.Codec,
            chunking.Method,
            streams.Count,
            _defaults.Level,
            chunking.MinSize,
            chunking.AverageSize,
            chunking.MaxSize,
            _options.WriterVersion ?? DefaultWriterVersion(),
            integrityRoot,
            _keys?.Fields ?? EncryptionFields.None,
            descriptor,
            streams);
    }

    private static string DefaultWriterVersion()
    {
        var v = typeof(SnapshotWriter).Assembly.GetName().Version ?? new Version(0, 0, 0);
        return $"Lode.Snapshots {v.Major}.{v.Minor}.{v.Build}";
    }
}
