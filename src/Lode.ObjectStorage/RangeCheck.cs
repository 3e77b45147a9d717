namespace Lode.ObjectStorage;

/// <summary>The range rule of <see cref="IObjectStore.GetRangeAsync"/>, shared by every store.</summary>
internal static class RangeCheck
{
    /// <summary>Throws unless <c>[offset, offset + length)</c> lies inside an object of <paramref name="objectLength"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the object.</exception>
    public static void ThrowIfOutside(string key, long offset, int length, long objectLength)
    {
        if (offset < 0 || length < 0 || offset > objectLength - length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"The range [{offset}, {offset + length}) is not inside object {ObjectKey.Describe(key)} " +
                $"({objectLength} bytes); ask only for bytes before the object's length (see HeadAsync).");
        }
    }
}
