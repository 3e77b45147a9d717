using System.Diagnostics;
using System.Globalization;
using Lode.Metadata.CrashChild;

namespace Lode.Metadata.Tests;

public class CrashTests
{
    private const int Writers = 4;

    /// <summary>How many SIGKILLs the campaign delivers: 200 by default (CI), more with LODE_CRASH_KILLS.</summary>
    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("LODE_CRASH_KILLS"), CultureInfo.InvariantCulture, out int kills) && kills > 0 ? kills : 200;

    private static Process StartChild(string storeDirectory, string ackDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { typeof(CrashWorkload).Assembly.Location, storeDirectory, ackDirectory, Writers.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    [Fact]
    public async Task A_writer_killed_at_random_moments_loses_no_acknowledged_write_and_always_reopens()
    {
        using var directory = new TempDirectory();
        string storeDirectory = Directory.CreateDirectory(directory.File("store")).FullName;
        string ackDirectory = Directory.CreateDirectory(directory.File("acks")).FullName;
        var random = new Random(20_260_601);
        int killsDuringRecovery = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            using Process child = StartChild(storeDirectory, ackDirectory);
            // One kill in eight lands while the child is still opening: recovery itself must survive a crash.
            bool duringRecovery = random.Next(8) == 0;
            if (!duringRecovery)
            {
                string? ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (ready?.StartsWith("ready", StringComparison.Ordinal) != true)
                {
                    child.Kill();
                    Assert.Fail($"kill {kill}: the child said '{ready}' {await child.StandardError.ReadToEndAsync()}");
                }
            }
            await Task.Delay(random.Next(0, duringRecovery ? 150 : 60)); // not a synchronisation: the random moment of the kill
            child.Kill();
            await child.WaitForExitAsync();
            string rest = await child.StandardOutput.ReadToEndAsync();
            Assert.DoesNotContain("FAIL", rest, StringComparison.Ordinal);
            killsDuringRecovery += duringRecovery ? 1 : 0;
        }
        using var store = MetadataStore.Open(storeDirectory);
        long acknowledged = 0;
        for (int t = 0; t < Writers; t++)
        {
            long last = CrashWorkload.LastAcknowledged(ackDirectory, t);
            Assert.Null(CrashWorkload.Verify(store, t, last));
            acknowledged += last + 1;
        }
        Assert.True(acknowledged > Kills, $"only {acknowledged} writes were acknowledged over {Kills} kills");
        Assert.True(killsDuringRecovery > 0);
    }
}
