using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Lode;

/// <summary>
/// A temporary file whose bytes are encrypted under a key that exists only in this process's memory (AES-256 in
/// counter mode, the counter being the 16-byte block's position in the file), so the text a search index is built
/// from never reaches the disk in the clear, whatever the repository (an encrypted one must leave no plaintext; the
/// temporary directory may be shared) and however the process ends: after a crash the file is noise.
/// </summary>
/// <remarks>
/// Reads and writes go to any offset, in any order, from any thread (positional I/O, no shared position), like
/// <see cref="RandomAccess"/>. Counter mode gives confidentiality, not integrity: the file lives only as long as the
/// process and the directory is private to it. The file is deleted when disposed.
/// </remarks>
internal sealed class ScratchFile : IDisposable
{
    private const int BlockBytes = 16;
    private const int ChunkBytes = 64 << 10;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>One cipher per thread: an <see cref="Aes"/> instance is not safe to share.</summary>
    private readonly ThreadLocal<Aes> _aes;
    private readonly ulong _nonce;
    private readonly string _path;

    /// <summary>Creates the file (it must not exist) with a fresh random key.</summary>
    public ScratchFile(string path)
    {
        _path = path;
        _aes = new ThreadLocal<Aes>(() =>
        {
            var aes = Aes.Create();
            aes.Key = _key;
            return aes;
        }, trackAllValues: true);
        _nonce = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
    }

    /// <summary>Encrypts <paramref name="data"/> and writes it at <paramref name="offset"/>.</summary>
    public void Write(ReadOnlySpan<byte> data, long offset)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(data.Length, ChunkBytes));
        try
        {
            for (int done = 0; done < data.Length;)
            {
                int n = Math.Min(data.Length - done, buffer.Length);
                Transform(data.Slice(done, n), buffer.AsSpan(0, n), offset + done);
                RandomAccess.Write(_handle, buffer.AsSpan(0, n), offset + done);
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads and decrypts exactly <c>destination.Length</c> bytes at <paramref name="offset"/>.</summary>
    /// <exception cref="IOException">The file ends first.</exception>
    public void ReadExactly(Span<byte> destination, long offset)
    {
        for (int done = 0; done < destination.Length;)
        {
            int n = RandomAccess.Read(_handle, destination[done..], offset + done);
            done += n > 0 ? n : throw new IOException($"The scratch file {_path} ended early.");
        }
        Transform(destination, destination, offset);
    }

    public void Dispose()
    {
        _handle.Dispose();
        foreach (var aes in _aes.Values)
        {
            aes.Dispose();
        }
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_key);
        File.Delete(_path);
    }

    /// <summary>XORs <paramref name="input"/> with the keystream at file offset <paramref name="offset"/> into
    /// <paramref name="output"/> (which may be the same memory): both directions of counter mode.</summary>
    private void Transform(ReadOnlySpan<byte> input, Span<byte> output, long offset)
    {
        var keystream = ArrayPool<byte>.Shared.Rent(ChunkBytes + BlockBytes);
        try
        {
            for (int done = 0; done < input.Length;)
            {
                long position = offset + done;
                int skip = (int)(position % BlockBytes);
                int n = Math.Min(input.Length - done, ChunkBytes);
                int blocks = (skip + n + BlockBytes - 1) / BlockBytes;
                var counters = keystream.AsSpan(0, blocks * BlockBytes);
                long first = position / BlockBytes;
                for (int b = 0; b < blocks; b++)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(counters[(b * BlockBytes)..], _nonce);
                    BinaryPrimitives.WriteInt64LittleEndian(counters[((b * BlockBytes) + 8)..], first + b);
                }
                _aes.Value!.EncryptEcb(counters, counters, PaddingMode.None);
                Xor(input.Slice(done, n), counters.Slice(skip, n), output.Slice(done, n));
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(keystream);
        }
    }

    private static void Xor(ReadOnlySpan<byte> input, ReadOnlySpan<byte> keystream, Span<byte> output)
    {
        int i = 0;
        for (; i + Vector<byte>.Count <= input.Length; i += Vector<byte>.Count)
        {
            (new Vector<byte>(input[i..]) ^ new Vector<byte>(keystream[i..])).CopyTo(output[i..]);
        }
        for (; i < input.Length; i++)
        {
            output[i] = (byte)(input[i] ^ keystream[i]);
        }
    }
}
