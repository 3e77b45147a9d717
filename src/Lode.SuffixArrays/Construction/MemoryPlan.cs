using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>
/// Estimates of what each construction mode needs, used to pick in-memory or external-memory construction, the
/// number of subarrays and the bucket buffer size for a memory budget. Entry counts are multiplied by a skew of 1.25 for partitions,
/// which sampling keeps within about that of the average.
/// </summary>
internal static class MemoryPlan
{
    private const double Skew = 1.25;
    private const int BucketBufferRecords = 2048;

    /// <summary>
    /// Bytes besides the text for in-memory CaPS-SA of n bytes with p subarrays: the suffix array and the LCP
    /// array (4n each), and per worker the four phase-4 buffers of a partition.
    /// </summary>
    public static long InMemoryBytes(long n, int threads, int subarrays) =>
        (8 * n) + (threads * 16L * PartitionEntries(n, subarrays));

    /// <summary>
    /// Bytes besides the text and the output for external-memory CaPS-SA with p subarrays, w-byte entries and
    /// bucket buffers of <paramref name="bufferRecords"/> records: per worker four buffers of a subarray or
    /// partition, one bucket buffer per partition, and the piece bounds.
    /// </summary>
    public static long ExternalWorkingBytes(long n, int entryBytes, int threads, int subarrays, int bufferRecords) =>
        (threads * 4L * entryBytes * PartitionEntries(n, subarrays)) +
        ((long)subarrays * bufferRecords * 2 * entryBytes) + (4L * (subarrays + 1) * (threads + 1));

    /// <summary>The bytes the bucket records of the whole text take: n (position, LCP) pairs.</summary>
    public static long RecordBytes(long n, int entryBytes) => n * 2 * entryBytes;

    /// <summary>
    /// The smallest p (a power of two from max(8, 4·threads), at most 65536 and n/1024) whose working set fits
    /// <paramref name="budget"/>, with bucket buffers of 2048 records, or fewer (down to 16) when the buffers would
    /// take more than a quarter of the budget; the largest p when nothing fits.
    /// </summary>
    public static (int Subarrays, int BufferRecords) ExternalPlan(long n, int entryBytes, int threads, long budget)
    {
        long most = Math.Clamp(n >> 10, 1, 1 << 16);
        long p = Math.Min(most, (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(8, 4 * threads)));
        while (true)
        {
            int buffer = BufferRecordsFor(budget, entryBytes, p);
            if (p == most || ExternalWorkingBytes(n, entryBytes, threads, (int)p, buffer) <= budget)
            {
                return ((int)p, buffer);
            }
            p = Math.Min(most, p * 2);
        }
    }

    /// <summary>Bucket buffer records for p buckets so that they take at most a quarter of <paramref name="budget"/>, in [16, 2048].</summary>
    public static int BufferRecordsFor(long budget, int entryBytes, long subarrays) =>
        (int)Math.Clamp(budget / 4 / (subarrays * 2 * entryBytes), 16, BucketBufferRecords);

    private static long PartitionEntries(long n, int subarrays) => (long)Math.Ceiling(Skew * n / subarrays);
}
