using FsCheck;
using FsCheck.Fluent;
using Lode.Snapshots.Chunking;

namespace Lode.Snapshots.Tests;

public sealed class ChunkerTests
{
    private static readonly ChunkingOptions SmallCdc = new(ChunkingMethod.FastCdc, 256, 1024, 4096);

    private static List<int> Cut(ChunkingOptions options, byte[] data, IEnumerable<int> pieces)
    {
        var chunker = new Chunker(options);
        var chunks = new List<int>();
        int position = 0;
        foreach (int size in pieces.Append(data.Length))
        {
            int n = Math.Min(size, data.Length - position);
            var span = data.AsSpan(position, n);
            position += n;
            while (!span.IsEmpty)
            {
                int pending = chunker.PendingLength;
                int consumed = chunker.Scan(span, out bool cut);
                span = span[consumed..];
                if (cut)
                {
                    chunks.Add(pending + consumed);
                }
            }
        }
        if (chunker.PendingLength > 0)
        {
            chunks.Add(chunker.PendingLength);
        }
        return chunks;
    }

    [Fact]
    public void Cut_points_do_not_depend_on_how_the_input_is_split()
    {
        var data = Snap.Random(200_000, 21);
        var whole = Cut(SmallCdc, data, []);
        Prop.ForAll<int[]>(pieces =>
        {
            var split = Cut(SmallCdc, data, pieces.Select(p => (Math.Abs(p) % 5000) + 1));
            return split.SequenceEqual(whole);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Chunks_respect_min_and_max_and_average_near_the_target()
    {
        var options = new ChunkingOptions();
        var data = Snap.Random(32 << 20, 22);
        var chunks = Cut(options, data, []);
        Assert.Equal(data.Length, chunks.Sum());
        Assert.All(chunks.SkipLast(1), c => Assert.InRange(c, options.MinSize, options.MaxSize));
        double average = chunks.Average();
        Assert.InRange(average, options.AverageSize * 0.75, options.AverageSize * 1.5);
        Assert.True(chunks.Count(c => c == options.MaxSize) < chunks.Count / 20, "too many forced cuts");
    }

    [Fact]
    public void Content_defined_cuts_resynchronise_after_an_insertion()
    {
        var data = Snap.Random(1 << 20, 23);
        var shifted = new byte[data.Length + 100];
        Snap.Random(100, 24).CopyTo(shifted, 0);
        data.CopyTo(shifted, 100);
        var a = Cut(SmallCdc, data, []);
        var b = Cut(SmallCdc, shifted, []);
        var endsA = Ends(a, 0);
        long shared = Ends(b, -100).Count(endsA.Contains);
        Assert.True(shared > a.Count * 9 / 10, $"{shared} of {a.Count} chunks survived a 100-byte insertion");
    }

    private static HashSet<long> Ends(List<int> chunks, long shift)
    {
        var ends = new HashSet<long>();
        long end = shift;
        foreach (int c in chunks)
        {
            end += c;
            ends.Add(end);
        }
        return ends;
    }

    [Fact]
    public void Fixed_chunking_cuts_every_average_size_bytes()
    {
        var options = new ChunkingOptions(ChunkingMethod.Fixed, 64, 1000, 1000);
        var chunks = Cut(options, Snap.Random(10_500, 25), [7, 3000, 1]);
        Assert.Equal([1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 500], chunks);
    }

    [Fact]
    public void Gear_table_is_pinned_by_the_format()
    {
        Assert.Equal(256, GearTable.Values.Length);
        Assert.Equal(256, GearTable.Values.Distinct().Count());
        Assert.Equal("LODEGEAR"u8.ToArray(), BitConverter.GetBytes(GearTable.Seed).Reverse().ToArray());
        Assert.Equal(GearTableFirstValue, GearTable.Values[0]);
    }

    // SplitMix64's first output from the seed 0x4C4F444547454152, recorded when format 1.0 was fixed.
    private const ulong GearTableFirstValue = 16182279711193927350;

    [Theory]
    [InlineData(32, 64, 128)]
    [InlineData(128, 64, 256)]
    [InlineData(64, 1000, 4096)]
    [InlineData(64, 4096, 8 << 20)]
    public void Invalid_chunking_options_are_refused(int min, int average, int max)
    {
        Assert.Throws<ArgumentException>(() => new ChunkingOptions(ChunkingMethod.FastCdc, min, average, max).Validate());
    }
}
