using System.Globalization;
using System.Net;
using System.Text;

namespace Marketo.Extract.Internal;

/// <summary>
/// Turns the final failure of a call into the matching <see cref="MarketoException"/>, with a message that names
/// what failed, Marketo's code, and what to do.
/// </summary>
internal static class MarketoExceptionFactory
{
    public static MarketoException Create(MarketoClientState state, MarketoCall call, MarketoFailure failure)
    {
        var exception = failure.Kind switch
        {
            MarketoFailureKind.Envelope => FromEnvelope(state, call, failure),
            MarketoFailureKind.HttpStatus when call.Request.IsFileDownload => FromFileStatus(state, call, failure),
            _ => FromTransportOrBody(state, call, failure),
        };

        if (exception is MarketoQuotaExceededException quota)
        {
            ClientLog.QuotaExceeded(state.Logger, call.Request.Description, quota.Quota, quota.ResetsAt);
        }
        else
        {
            ClientLog.CallFailed(state.Logger, call.Request.Description, failure.Label, call.Attempts);
        }

        return exception;
    }

    private static MarketoException FromEnvelope(MarketoClientState state, MarketoCall call, MarketoFailure failure)
    {
        var code = failure.ErrorCode;
        var message = failure.MarketoMessage;
        var summary = Describe(call, failure);
        return code switch
        {
            MarketoErrorCodes.AccessTokenInvalid or MarketoErrorCodes.AccessTokenExpired =>
                new MarketoAuthenticationException(
                    summary + " Marketo rejected the access token even after a new one was requested; check that this " +
                    "machine's clock is correct and that the LaunchPoint service and its API-only user are active.")
                {
                    ErrorCode = failure.ErrorCode,
                    MarketoMessage = failure.MarketoMessage,
                    RequestId = failure.RequestId,
                    StatusCode = failure.StatusCode,
                },
            MarketoErrorCodes.DailyQuotaReached => DailyQuota(state, summary, failure, MarketoQuotaKind.DailyApiCalls),
            MarketoErrorCodes.ExportQueueOrQuota when MarketoErrorCodes.IsExportQueueFull(message) =>
                new MarketoExportQueueFullException(
                    summary + " Marketo's bulk export queue already holds 10 jobs, counting those being processed; wait " +
                    "for a job to finish and enqueue again.")
                {
                    ErrorCode = failure.ErrorCode,
                    MarketoMessage = failure.MarketoMessage,
                    RequestId = failure.RequestId,
                    StatusCode = failure.StatusCode,
                },
            MarketoErrorCodes.ExportQueueOrQuota when MarketoErrorCodes.IsExportDailyQuotaExceeded(message) =>
                DailyQuota(state, summary, failure, MarketoQuotaKind.DailyExportVolume),
            MarketoErrorCodes.UnsupportedFilter =>
                new MarketoUnsupportedFilterException(
                    summary + " The subscription does not support this bulk export filter (typically updatedAt or a " +
                    "smart list on leads); export by createdAt instead.")
                {
                    ErrorCode = failure.ErrorCode,
                    MarketoMessage = failure.MarketoMessage,
                    RequestId = failure.RequestId,
                    StatusCode = failure.StatusCode,
                },
            _ => new MarketoException(AmbiguousCreatePrefix(call, failure) + summary + " " + Advice(code, call))
            {
                ExportMayExist = IsAmbiguousCreate(call, failure),
                ErrorCode = failure.ErrorCode,
                MarketoMessage = failure.MarketoMessage,
                RequestId = failure.RequestId,
                StatusCode = failure.StatusCode,
            },
        };
    }

    private static MarketoQuotaExceededException DailyQuota(
        MarketoClientState state, string summary, MarketoFailure failure, MarketoQuotaKind quota)
    {
        var resetsAt = MarketoQuotaCalendar.NextReset(state.Time.GetUtcNow());
        var quotaName = quota == MarketoQuotaKind.DailyApiCalls ? "daily API call quota" : "daily bulk export volume";
        var resetText = resetsAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new MarketoQuotaExceededException(
            $"{summary} The instance's {quotaName} is used up. It resets at {resetText} (midnight " +
            "America/Chicago); wait until then, or ask the Marketo admin to raise the quota.")
        {
            Quota = quota,
            ResetsAt = resetsAt,
            ErrorCode = failure.ErrorCode,
            MarketoMessage = failure.MarketoMessage,
            RequestId = failure.RequestId,
            StatusCode = failure.StatusCode,
        };
    }

    private static MarketoException FromFileStatus(MarketoClientState state, MarketoCall call, MarketoFailure failure)
    {
        var request = call.Request;
        var kind = request.ExportKind?.ToString().ToLowerInvariant() ?? "bulk";
        if (failure.StatusCode == HttpStatusCode.NotFound)
        {
            return new MarketoExportFileNotFoundException(
                $"{request.Description} failed: the file of {kind} export {request.ExportId} was not found (HTTP 404, " +
                $"'{failure.BodyExcerpt}'). The job is not Completed yet, the export id is unknown to this API " +
                "user, or the file has expired (Marketo keeps files for 7 days). Check the job with " +
                "GetExportStatusAsync; if it reports Completed, create the export again.")
            {
                ExportId = request.ExportId,
                StatusCode = failure.StatusCode,
            };
        }

        if (failure.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            var length = failure.ContentRangeLength is { } total
                ? total.ToString(CultureInfo.InvariantCulture) + " bytes"
                : "not reported";
            return new MarketoException(
                $"{request.Description} failed: the file of {kind} export {request.ExportId} has no byte at offset " +
                $"{request.RangeOffset} (HTTP 416; file length {length}). Resume from an offset below the file " +
                "length, or treat the download as complete if every byte was read.")
            {
                StatusCode = failure.StatusCode,
            };
        }

        return FromTransportOrBody(state, call, failure);
    }

    private static MarketoException FromTransportOrBody(MarketoClientState state, MarketoCall call, MarketoFailure failure)
    {
        var text = new StringBuilder(AmbiguousCreatePrefix(call, failure));
        text.Append(call.Request.Description).Append(" failed");
        AppendAttempts(text, call);
        text.Append(": ").Append(failure.Kind switch
        {
            MarketoFailureKind.HttpStatus =>
                $"HTTP {(int?)failure.StatusCode} ({failure.StatusCode}) with a body that is not Marketo's JSON " +
                $"envelope (Content-Type {failure.ContentType ?? "none"}): '{failure.BodyExcerpt}'. " +
                (MarketoErrorCodes.IsTransientStatus(failure.StatusCode)
                    ? "Marketo or a proxy failed; try again later."
                    : "A proxy or gateway may have answered instead of Marketo; check MarketoClientOptions.BaseAddress " +
                      "and any proxy between this machine and Marketo."),
            MarketoFailureKind.InvalidBody =>
                $"the response (HTTP {(int?)failure.StatusCode}, Content-Type {failure.ContentType ?? "none"}) is not " +
                $"the JSON that Marketo sends: {Redact(state, failure.Exception?.Message)} Body: '{failure.BodyExcerpt}'. " +
                "A proxy or captive portal may have answered instead of Marketo, or the response was cut short; " +
                "check MarketoClientOptions.BaseAddress and the network path.",
            MarketoFailureKind.Timeout => Redact(state, failure.Exception?.Message) + " Try again later, or raise RequestTimeout.",
            MarketoFailureKind.IdentityUnavailable =>
                "no access token could be had because the identity service failed: " +
                Redact(state, failure.Exception?.Message) + " Try again later.",
            _ => "Marketo could not be reached: " + Redact(state, failure.Exception?.Message) +
                 " Check the network path to MarketoClientOptions.BaseAddress and try again later.",
        });

        return new MarketoException(text.ToString(), failure.Exception)
        {
            StatusCode = failure.StatusCode,
            ExportMayExist = IsAmbiguousCreate(call, failure),
        };
    }

    /// <summary>Returns the warning that opens the message of a create that Marketo may have carried out.</summary>
    private static string AmbiguousCreatePrefix(MarketoCall call, MarketoFailure failure)
    {
        var request = call.Request;
        if (!IsAmbiguousCreate(call, failure))
        {
            return string.Empty;
        }

        return $"Creating the {request.ExportKind?.ToString().ToLowerInvariant()} export job failed in a way that does " +
               "not tell whether Marketo created it, so it was not retried. A job may have been created: find it " +
               $"with ListExportsAsync(BulkExportObject.{request.ExportKind}, [BulkExportStatus.Created]) and cancel " +
               "or enqueue it before creating another. ";
    }

    /// <summary>Tells whether a failed bulk export create may still have created the job on Marketo.</summary>
    private static bool IsAmbiguousCreate(MarketoCall call, MarketoFailure failure) =>
        call.Request.RetryMode == MarketoRetryMode.CreateExport
        && MarketoErrorCodes.IsTransient(failure)
        && MarketoErrorCodes.MayHaveBeenProcessed(failure);

    private static string Describe(MarketoCall call, MarketoFailure failure)
    {
        var text = new StringBuilder(call.Request.Description).Append(" failed");
        AppendAttempts(text, call);
        text.Append(": Marketo returned error ").Append(failure.ErrorCode ?? "(no code)");
        if (failure.MarketoMessage is { Length: > 0 } message)
        {
            text.Append(" '").Append(message).Append('\'');
        }

        if (failure.RequestId is { Length: > 0 } requestId)
        {
            text.Append(" (request id ").Append(requestId).Append(')');
        }

        return text.Append('.').ToString();
    }

    private static string Advice(string? code, MarketoCall call) => code switch
    {
        MarketoErrorCodes.RateLimitExceeded =>
            "The instance's limit of 100 calls per 20 seconds, shared by every integration, was exceeded even after " +
            "waiting; lower MarketoClientOptions.MaxCallsPerWindow or run other integrations at other times.",
        "615" =>
            "More than 10 calls were in flight on the instance, counting other integrations; lower " +
            "MarketoClientOptions.MaxConcurrentCalls.",
        _ when MarketoErrorCodes.IsTransient(code) =>
            $"The error is transient but lasted through {call.Attempts} attempts; try again later.",
        "603" =>
            "The API user lacks the permission for this call, or an IP allowlist blocks this machine; check the " +
            "user's API role in Admin > Users & Roles and the IP restrictions in Admin > Web Services.",
        "605" or "609" or "610" or "612" =>
            "Marketo did not accept the form of the request; report this to the Marketo.Extract maintainers with the " +
            "request id.",
        "1003" => "Marketo rejected a value of the request; check the arguments passed to the call.",
        "1029" =>
            "Marketo rejected the bulk export request; check the job with GetExportStatusAsync and the other jobs " +
            "with ListExportsAsync.",
        _ => "See Marketo's REST API error code list for what the code means and what to change.",
    };

    private static void AppendAttempts(StringBuilder text, MarketoCall call)
    {
        if (call.Attempts > 1)
        {
            text.Append(" after ").Append(call.Attempts).Append(" attempts");
        }
    }

    private static string Redact(MarketoClientState state, string? text) =>
        text is null ? string.Empty : state.Redactor.Redact(text);
}
