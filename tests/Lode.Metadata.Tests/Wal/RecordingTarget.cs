using System.Text;
using Lode.Metadata.Wal;

namespace Lode.Metadata.Tests.Wal;

/// <summary>Notes every change replay applies, as text lines.</summary>
internal sealed class RecordingTarget : IWalReplayTarget
{
    public List<string> Changes { get; } = [];

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long version) =>
        Changes.Add($"put {Encoding.Latin1.GetString(key)}={Encoding.Latin1.GetString(value)}@{version}");

    public void Delete(ReadOnlySpan<byte> key) => Changes.Add($"delete {Encoding.Latin1.GetString(key)}");
}
