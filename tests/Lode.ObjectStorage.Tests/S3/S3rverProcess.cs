using System.Diagnostics;

namespace Lode.ObjectStorage.Tests;

/// <summary>
/// One s3rver (an S3-compatible server on Node.js) on a loopback port, with its data in a temp directory, started
/// by <c>tests/s3rver/start.js</c>. The first use installs the pinned s3rver with <c>npm ci</c> into
/// <c>tests/s3rver/node_modules</c> (once; later runs reuse it). Killed and its directory removed on dispose.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    public const string Bucket = "lode";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly Lazy<string> ScriptDirectory = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("lode-s3rver-");
    private Process? _process;

    public S3rverProcess()
    {
        Port = Start(port: 0);
    }

    /// <summary>The port the server listens on; kept across <see cref="Restart"/>.</summary>
    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>Options for a store under its own <paramref name="prefix"/> of the shared bucket, with fast retries.</summary>
    public S3ObjectStoreOptions Options(string prefix) => new()
    {
        Bucket = Bucket,
        Prefix = prefix,
        Endpoint = Endpoint,
        ForcePathStyle = true,
        Credentials = new S3Credentials(AccessKey, SecretKey),
        MaxRetries = 2,
        BaseBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Kills the server at once (SIGKILL): requests in flight fail as if the machine went away.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts the server again on the same port and data directory.</summary>
    public void Restart()
    {
        Kill();
        Start(Port);
    }

    public void Dispose()
    {
        Kill();
        _data.Delete(recursive: true);
    }

    private int Start(int port)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptDirectory.Value,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "start.js", "--directory", _data.FullName, "--bucket", Bucket, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start node for s3rver.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line = process.StandardOutput.ReadLineAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
        if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
        {
            string error = process.StandardError.ReadToEnd();
            process.Kill();
            throw new InvalidOperationException($"s3rver did not start: {line} {error}");
        }
        _process = process;
        return int.Parse(line.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Finds <c>tests/s3rver</c> above the test binaries and runs <c>npm ci</c> there unless s3rver is installed.</summary>
    private static string Install()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Join(directory.FullName, "tests", "s3rver");
            if (File.Exists(Path.Join(candidate, "start.js")))
            {
                if (!File.Exists(Path.Join(candidate, "node_modules", "s3rver", "package.json")))
                {
                    RunNpmCi(candidate);
                }
                return candidate;
            }
        }
        throw new InvalidOperationException($"tests/s3rver/start.js not found above {AppContext.BaseDirectory}.");
    }

    private static void RunNpmCi(string directory)
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("Cannot start npm.");
        var error = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        npm.WaitForExit();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {directory} failed ({npm.ExitCode}): {error.Result}");
        }
    }
}
