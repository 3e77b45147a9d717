using System.Text.RegularExpressions;
using Lode.ObjectStorage;

namespace Lode;

/// <summary>
/// Where a repository lives, parsed from what the user typed: a local directory, or <c>s3://BUCKET/PREFIX</c> for a
/// bucket of an S3-compatible object store (docs/format.md, "Remote repositories"). Immutable and thread-safe.
/// </summary>
public sealed partial class RepositoryLocation
{
    private const string S3Scheme = "s3://";

    private RepositoryLocation(string text, string? path, string? bucket, string prefix)
    {
        Text = text;
        LocalPath = path;
        Bucket = bucket;
        Prefix = prefix;
    }

    /// <summary>The location as the user gave it.</summary>
    public string Text { get; }

    /// <summary>Whether the repository is in an object store (<c>s3://</c>) rather than a local directory.</summary>
    public bool IsRemote => Bucket is not null;

    /// <summary>The absolute path of a local repository; <c>null</c> for a remote one.</summary>
    public string? LocalPath { get; }

    /// <summary>The bucket of a remote repository; <c>null</c> for a local one.</summary>
    public string? Bucket { get; }

    /// <summary>The key prefix of a remote repository inside its bucket, without leading or trailing <c>'/'</c>; <c>""</c> for the bucket's root or a local repository.</summary>
    public string Prefix { get; }

    /// <summary>
    /// Parses a location: <c>s3://BUCKET</c> or <c>s3://BUCKET/PREFIX</c> (the scheme in any case, a trailing
    /// <c>'/'</c> optional) for a remote repository, anything without a <c>SCHEME://</c> for a local directory
    /// (relative paths are taken from the current directory).
    /// </summary>
    /// <exception cref="LodeException">The text is empty, names another scheme, or the bucket or prefix is malformed; the message says what a valid location looks like.</exception>
    public static RepositoryLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new LodeException("The repository location is empty; give a directory or s3://BUCKET/PREFIX.");
        }
        if (text.StartsWith(S3Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return ParseS3(text);
        }
        if (SchemePattern().IsMatch(text))
        {
            throw new LodeException($"The repository location '{text}' has an unknown scheme; give a directory or s3://BUCKET/PREFIX.");
        }
        return new RepositoryLocation(text, Path.GetFullPath(text), null, "");
    }

    /// <summary>
    /// The canonical form: the absolute directory of a local repository, <c>s3://BUCKET/PREFIX</c> (no trailing
    /// <c>'/'</c>) of a remote one. Error messages and the engine's <see cref="Repository.Location"/> use it.
    /// </summary>
    public override string ToString() =>
        LocalPath ?? (Prefix.Length == 0 ? S3Scheme + Bucket : $"{S3Scheme}{Bucket}/{Prefix}");

    private static RepositoryLocation ParseS3(string text)
    {
        string rest = text[S3Scheme.Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? rest : rest[..slash];
        string prefix = slash < 0 ? "" : rest[(slash + 1)..].TrimEnd('/');
        if (!BucketPattern().IsMatch(bucket))
        {
            throw new LodeException(
                $"The repository location '{text}' names no valid bucket; write s3://BUCKET/PREFIX with a bucket of 3 to 63 letters, digits, '.', '-' or '_'.");
        }
        if (prefix.Length > 0 && !ObjectKey.IsValid(prefix))
        {
            throw new LodeException(
                $"The prefix of '{text}' is not valid; use '/'-separated segments of letters, digits, '.', '-' and '_' (no empty, '.' or '..' segment).");
        }
        return new RepositoryLocation(text, null, bucket, prefix);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,63}$")]
    private static partial Regex BucketPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex SchemePattern();
}
