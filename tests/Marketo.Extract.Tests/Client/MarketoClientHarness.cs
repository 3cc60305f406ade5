using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

/// <summary>
/// Builds a <see cref="MarketoClient"/> over MockHttp and a fake clock, and records every request it sends.
/// Requests that no mock matches fail the test.
/// </summary>
internal sealed class MarketoClientHarness : IDisposable
{
    public const string BaseUrl = "https://123-abc-456.mktorest.com";
    public const string IdentityUrl = BaseUrl + "/identity/oauth/token";
    public const string ClientId = "client-id-3f9e";
    public const string ClientSecret = "client-secret-d41c";
    public const string Token = "8f0c2c5e-0b8e-4d44-9f5d-1f0f6cbb1a11:ab";

    public static readonly DateTimeOffset Start = new(2024, 7, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _disposables = [];

    public MarketoClientHarness(DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? Start);
        Http.Fallback.Respond(request =>
            throw new AssertionException($"No mock matches {request.Method} {request.RequestUri}."));
    }

    public FakeTimeProvider Time { get; }

    public MockHttpMessageHandler Http { get; } = new(BackendDefinitionBehavior.Always);

    public CapturingLogger<MarketoClient> Logger { get; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IReadOnlyList<RecordedRequest> ApiRequests => Requests.Where(request => !request.IsIdentity).ToList();

    public IReadOnlyList<RecordedRequest> IdentityRequests => Requests.Where(request => request.IsIdentity).ToList();

    /// <summary>Builds a client with fast retries; <paramref name="configure"/> changes the options first.</summary>
    public MarketoClient CreateClient(Action<MarketoClientOptions>? configure = null)
    {
        var options = new MarketoClientOptions
        {
            BaseAddress = new Uri(BaseUrl),
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            RetryBaseDelay = TimeSpan.FromSeconds(1),
            RetryMaxDelay = TimeSpan.FromSeconds(8),
        };
        configure?.Invoke(options);
        var httpClient = new HttpClient(new RecordingHandler(this) { InnerHandler = Http });
        var client = new MarketoClient(httpClient, options, Time, Logger);
        _disposables.Add(client);
        _disposables.Add(httpClient);
        return client;
    }

    /// <summary>Makes the identity service hand out <paramref name="token"/> to every request.</summary>
    public MockedRequest RespondWithToken(string token = Token, long expiresIn = 3600) =>
        Http.When(HttpMethod.Post, IdentityUrl).Respond("application/json", Fixtures.TokenResponse(token, expiresIn));

    /// <summary>Expects one API call, in order after the calls expected before it.</summary>
    public MockedRequest Expect(HttpMethod method, string pathAndQuery) => Http.Expect(method, BaseUrl + pathAndQuery);

    /// <summary>Answers every API call to a path, in any order.</summary>
    public MockedRequest When(HttpMethod method, string pathAndQuery) => Http.When(method, BaseUrl + pathAndQuery);

    /// <summary>Advances the fake clock step by step until the task completes, failing after <paramref name="limit"/>.</summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan? step = null, TimeSpan? limit = null)
    {
        await DriveClockAsync(task, step ?? TimeSpan.FromSeconds(1), limit ?? TimeSpan.FromHours(2));
        return await task;
    }

    /// <summary>Advances the fake clock step by step until the task completes, failing after <paramref name="limit"/>.</summary>
    public async Task RunAsync(Task task, TimeSpan? step = null, TimeSpan? limit = null)
    {
        await DriveClockAsync(task, step ?? TimeSpan.FromSeconds(1), limit ?? TimeSpan.FromHours(2));
        await task;
    }

    public void Dispose()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        Http.Dispose();
    }

    private async Task DriveClockAsync(Task task, TimeSpan step, TimeSpan limit)
    {
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted)
        {
            // A real millisecond lets the continuations register their timers before the clock moves.
            await Task.WhenAny(task, Task.Delay(1));
            if (task.IsCompleted)
            {
                break;
            }

            if (advanced >= limit)
            {
                Assert.Fail($"The call did not complete within {limit} of fake time.");
            }

            Time.Advance(step);
            advanced += step;
        }
    }

    /// <summary>Records each request as it leaves the client, with the fake time of sending.</summary>
    private sealed class RecordingHandler(MarketoClientHarness harness) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = new StringBuilder();
            foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
            {
                headers.Append(header.Key).Append(": ").AppendJoin(", ", header.Value).Append('\n');
            }

            harness.Requests.Enqueue(new RecordedRequest(
                request.Method,
                request.RequestUri!,
                request.Headers.Authorization?.ToString(),
                headers.ToString(),
                body,
                harness.Time.GetUtcNow()));
            // A real handler gives up when the request is cancelled; MockHttp's responders do not, so this does.
            return await base.SendAsync(request, cancellationToken).WaitAsync(cancellationToken);
        }
    }
}

/// <summary>A request as it left the client.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Authorization,
    string Headers,
    string? Body,
    DateTimeOffset SentAt)
{
    public bool IsIdentity => Uri.AbsolutePath == "/identity/oauth/token";

    public string Path => Uri.AbsolutePath;

    public string Query => Uri.Query.TrimStart('?');
}

/// <summary>Reads the JSON fixtures of the client tests and fills in their placeholders.</summary>
internal static class Fixtures
{
    public static string Read(string name) =>
        File.ReadAllText(System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Client", name));

    public static string TokenResponse(string token, long expiresIn) =>
        Read("token.json").Replace("{token}", token).Replace("{expiresIn}", expiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Error(string code, string message) =>
        Read("error-envelope.json").Replace("{code}", code).Replace("{message}", message);

    public static string ExportStatus(string status, string errorMessage = "") =>
        Read("export-status-template.json").Replace("{status}", status).Replace("{errorMsg}", errorMessage);

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

/// <summary>A logger that keeps every line at every level, for assertions on what was logged.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
            : string.Empty;
        Entries.Enqueue(new CapturedLog(logLevel, eventId, formatter(state, exception), properties, exception?.ToString()));
    }
}

/// <summary>One captured log line with its structured properties.</summary>
internal sealed record CapturedLog(LogLevel Level, EventId EventId, string Message, string Properties, string? Exception);
