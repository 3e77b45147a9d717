using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace Lode.ObjectStorage;

/// <summary>Turns AWS SDK and network exceptions into the store's typed errors.</summary>
internal static class S3Errors
{
    /// <summary>Whether <paramref name="error"/> is a failure of the service or the network that <see cref="Map"/> translates.</summary>
    public static bool IsService(Exception error) =>
        error is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException
            or TimeoutException || error is TaskCanceledException { InnerException: TimeoutException };

    /// <summary>Whether the service answered 412 Precondition Failed (a conditional write lost).</summary>
    public static bool IsPreconditionFailed(Exception error) =>
        error is AmazonS3Exception { StatusCode: HttpStatusCode.PreconditionFailed } ||
        error is AmazonS3Exception { ErrorCode: "PreconditionFailed" };

    /// <summary>Whether the service said the object (not the bucket) does not exist.</summary>
    public static bool IsNotFound(Exception error) =>
        error is AmazonS3Exception { ErrorCode: "NoSuchKey" } ||
        error is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound, ErrorCode: not "NoSuchBucket" };

    /// <summary>
    /// The typed error for a failure while doing <paramref name="action"/> (e.g. "read") on <paramref name="key"/>
    /// in <paramref name="where"/> (bucket and prefix): transient for timeouts, connection failures, HTTP 5xx,
    /// 408, 429, throttling and conflicting conditional writes; not found for a missing key; permanent otherwise.
    /// </summary>
    public static ObjectStoreException Map(Exception error, string action, string key, string where)
    {
        string what = $"Cannot {action} object {ObjectKey.Describe(key)} in {where}";
        if (IsNotFound(error))
        {
            return new ObjectNotFoundException($"Object {ObjectKey.Describe(key)} does not exist in {where}.", key, error);
        }
        if (error is AmazonServiceException service && service.StatusCode != 0)
        {
            int status = (int)service.StatusCode;
            string code = service.ErrorCode ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (status >= 500 || status is 408 or 429 || code is "SlowDown" or "RequestTimeout" or "ConditionalRequestConflict")
            {
                return new ObjectStoreTransientException($"{what}: the service answered {status} {code}; retry. ({service.Message})", key, error);
            }
            string hint = code switch
            {
                "NoSuchBucket" => "the bucket does not exist; create it or fix the bucket name",
                "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" =>
                    "the credentials were refused; check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE and the bucket policy",
                "PermanentRedirect" or "AuthorizationHeaderMalformed" => "the bucket is in another region; set AWS_REGION to it",
                _ => "check the request, the bucket and the service",
            };
            return new ObjectStorePermanentException($"{what}: the service answered {status} {code}: {hint}. ({service.Message})", key, error);
        }
        if (error is AmazonClientException && error.InnerException is null && error is not AmazonServiceException)
        {
            return new ObjectStorePermanentException(
                $"{what}: {error.Message} Check the credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE, ~/.aws) and the region.", key, error);
        }
        return new ObjectStoreTransientException(
            $"{what}: the request failed or timed out ({error.GetType().Name}: {error.Message}); check the endpoint and the network, then retry.",
            key, error);
    }
}
