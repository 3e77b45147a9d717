namespace Lode.Cli;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler at once, on the reporting thread.</summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
