namespace Lode;

/// <summary>What a restore did.</summary>
/// <param name="Files">Regular files restored.</param>
/// <param name="Bytes">Bytes of those files.</param>
/// <param name="Errors">Entries that could not be restored, each reported through <see cref="RestoreOptions.Warning"/>.</param>
public sealed record RestoreResult(long Files, long Bytes, int Errors);
