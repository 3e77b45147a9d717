namespace Lode.Acceptance.Tests.Harness;

/// <summary>Simulated storage damage.</summary>
internal static class Damage
{
    /// <summary>Inverts every bit of the byte in the middle of <paramref name="path"/>; returns its offset.</summary>
    /// <exception cref="FileNotFoundException">The object is not a file where the contract's layout puts it.</exception>
    public static long FlipMiddleByte(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"expected a repository object at {path} (the contract's layout)", path);
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        long offset = file.Length / 2;
        file.Position = offset;
        int value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)~value);
        return offset;
    }
}
