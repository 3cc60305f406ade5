using System.Globalization;
using Microsoft.Extensions.Options;

namespace Marketo.Extract.Internal;

/// <summary>
/// Checks <see cref="MarketoClientOptions"/> at start-up; the DI registration and the client's constructors apply
/// the same rules.
/// </summary>
internal sealed class MarketoClientOptionsValidator : IValidateOptions<MarketoClientOptions>
{
    private const string EndpointAdvice =
        "use the https REST endpoint from Admin > Web Services, such as https://123-ABC-456.mktorest.com.";

    private static readonly TimeSpan MaxTokenRefreshMargin = TimeSpan.FromMinutes(30);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MarketoClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = GetFailures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid value, for the constructors without DI.</summary>
    public static void ThrowIfInvalid(MarketoClientOptions options, string paramName)
    {
        ArgumentNullException.ThrowIfNull(options, paramName);
        var failures = GetFailures(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), paramName);
        }
    }

    /// <summary>Lists a message for every invalid value; the client secret never appears in one.</summary>
    public static List<string> GetFailures(MarketoClientOptions options)
    {
        var failures = new List<string>();
        ValidateBaseAddress(options, failures);
        ValidateCredentials(options, failures);
        ValidateLimits(options, failures);
        ValidateDelays(options, failures);
        return failures;
    }

    private static void ValidateBaseAddress(MarketoClientOptions options, List<string> failures)
    {
        var address = options.BaseAddress;
        if (address is null)
        {
            failures.Add($"MarketoClientOptions.BaseAddress is missing: {EndpointAdvice}");
            return;
        }

        var text = address.OriginalString;
        if (!address.IsAbsoluteUri)
        {
            failures.Add($"MarketoClientOptions.BaseAddress '{text}' is invalid: it must be an absolute URL; {EndpointAdvice}");
        }
        else if (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)
        {
            failures.Add($"MarketoClientOptions.BaseAddress '{text}' is invalid: {EndpointAdvice}");
        }
        else if (!string.IsNullOrEmpty(address.UserInfo) || address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            failures.Add(
                $"MarketoClientOptions.BaseAddress '{address.GetLeftPart(UriPartial.Path)}' is invalid: it must not carry " +
                $"user info, a query or a fragment; {EndpointAdvice}");
        }
        else if (address.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(
                $"MarketoClientOptions.BaseAddress '{text}' is invalid: it must end at the host or at /rest, without an " +
                $"API version such as /v1; {EndpointAdvice}");
        }
        else if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback && !options.AllowInsecureHttp)
        {
            failures.Add(
                $"MarketoClientOptions.BaseAddress '{text}' is invalid: plain http would send the client secret and the " +
                "access token unencrypted, so it is allowed only for loopback hosts; use https, or set " +
                "MarketoClientOptions.AllowInsecureHttp for a trusted test server.");
        }
    }

    private static void ValidateCredentials(MarketoClientOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add(
                "MarketoClientOptions.ClientId is missing: copy the client id of the LaunchPoint custom service from " +
                "Admin > Integration > LaunchPoint > View Details.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add(
                "MarketoClientOptions.ClientSecret is missing: copy the client secret of the LaunchPoint custom " +
                "service from Admin > Integration > LaunchPoint > View Details.");
        }
    }

    private static void ValidateLimits(MarketoClientOptions options, List<string> failures)
    {
        RequirePositive(nameof(options.MaxCallsPerWindow), options.MaxCallsPerWindow, failures);
        RequirePositive(nameof(options.MaxConcurrentCalls), options.MaxConcurrentCalls, failures);
        if (options.DailyCallBudget is { } budget)
        {
            RequirePositive(nameof(options.DailyCallBudget), budget, failures, " or null for no budget");
        }

        if (options.MaxRetryAttempts < 0)
        {
            failures.Add(
                $"MarketoClientOptions.MaxRetryAttempts '{Format(options.MaxRetryAttempts)}' is invalid: it must be " +
                "zero (no retries) or more.");
        }
    }

    private static void ValidateDelays(MarketoClientOptions options, List<string> failures)
    {
        if (options.TokenRefreshMargin < TimeSpan.Zero || options.TokenRefreshMargin > MaxTokenRefreshMargin)
        {
            failures.Add(
                $"MarketoClientOptions.TokenRefreshMargin '{options.TokenRefreshMargin}' is invalid: it must be between " +
                "00:00:00 and 00:30:00, because a Marketo access token lives one hour.");
        }

        RequirePositive(nameof(options.RateLimitWindow), options.RateLimitWindow, failures);
        RequirePositive(nameof(options.RetryBaseDelay), options.RetryBaseDelay, failures);
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add(
                $"MarketoClientOptions.RetryMaxDelay '{options.RetryMaxDelay}' is invalid: it must not be less than " +
                $"RetryBaseDelay '{options.RetryBaseDelay}'.");
        }

        if (options.RateLimitRetryDelay < TimeSpan.Zero)
        {
            failures.Add(
                $"MarketoClientOptions.RateLimitRetryDelay '{options.RateLimitRetryDelay}' is invalid: it must not be " +
                "negative; Marketo counts calls over 20 seconds, so 00:00:20 is the usual value.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add(
                $"MarketoClientOptions.RequestTimeout '{options.RequestTimeout}' is invalid: it must be positive, or " +
                "Timeout.InfiniteTimeSpan for no limit.");
        }
    }

    private static void RequirePositive(string name, long value, List<string> failures, string alternative = "")
    {
        if (value <= 0)
        {
            failures.Add($"MarketoClientOptions.{name} '{Format(value)}' is invalid: it must be positive{alternative}.");
        }
    }

    private static void RequirePositive(string name, TimeSpan value, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"MarketoClientOptions.{name} '{value}' is invalid: it must be positive.");
        }
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
