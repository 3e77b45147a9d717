namespace Lode.ObjectStorage;

/// <summary>
/// Static S3 credentials: an access key pair and, for temporary credentials, a session token. Leave
/// <see cref="S3ObjectStoreOptions.Credentials"/> <c>null</c> to use the AWS SDK's default chain instead
/// (environment variables, <c>~/.aws/credentials</c> and <c>~/.aws/config</c> profiles, <c>AWS_PROFILE</c>,
/// container and instance roles).
/// </summary>
/// <param name="AccessKeyId">The access key id (<c>AWS_ACCESS_KEY_ID</c>).</param>
/// <param name="SecretAccessKey">The secret access key (<c>AWS_SECRET_ACCESS_KEY</c>).</param>
/// <param name="SessionToken">The session token of temporary credentials, or <c>null</c>.</param>
public sealed record S3Credentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Hides the secret: records print their members, and a secret must never reach a log.</summary>
    public override string ToString() => $"S3Credentials {{ AccessKeyId = {AccessKeyId} }}";
}
