using System.Text.Json;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.Fixtures;

/// <summary>The object <c>lode snapshot DIR --json</c> prints.</summary>
/// <param name="Id">The snapshot id.</param>
/// <param name="Files">Files captured.</param>
/// <param name="BytesRead">Bytes read from the tree.</param>
/// <param name="BytesStored">Bytes written to the repository.</param>
/// <param name="Seconds">Wall time of the snapshot.</param>
internal sealed record SnapshotInfo(string Id, long Files, long BytesRead, long BytesStored, double Seconds)
{
    /// <summary>Takes a snapshot of <paramref name="directory"/> into <paramref name="repo"/> and parses its JSON.</summary>
    /// <exception cref="InvalidOperationException">The command failed or printed something else than the contract's JSON.</exception>
    public static async Task<SnapshotInfo> TakeAsync(string repo, string directory, string? tag, TimeSpan timeout)
    {
        string[] arguments = tag is null ? ["snapshot", directory, "--json"] : ["snapshot", directory, "--tag", tag, "--json"];
        var result = await LodeCli.RunAsync(repo, timeout, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"snapshot failed: {result.Describe()}");
        }
        try
        {
            using var json = JsonDocument.Parse(result.Stdout);
            var root = json.RootElement;
            return new SnapshotInfo(
                root.GetProperty("id").GetString() ?? throw new InvalidOperationException("id is null"),
                root.GetProperty("files").GetInt64(),
                root.GetProperty("bytesRead").GetInt64(),
                root.GetProperty("bytesStored").GetInt64(),
                root.GetProperty("seconds").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException(
                $"snapshot --json must print one object with id, files, bytesRead, bytesStored, seconds; got: {result.StdoutText}", e);
        }
    }
}
