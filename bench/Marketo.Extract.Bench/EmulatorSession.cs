using Marketo.Extract.Testing;

namespace Marketo.Extract.Bench;

/// <summary>An emulator served in process and a <see cref="MarketoClient"/> wired to it.</summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    private readonly HttpClient _httpClient;

    /// <param name="options">The emulator settings.</param>
    /// <param name="clock">The clock of both the emulator and the client.</param>
    /// <param name="maxConcurrentCalls">The client's limit of calls in flight.</param>
    /// <param name="timeScale">How many times faster than Marketo time passes: the client's rate limit window and
    /// retry delays are divided by it, as the caller divides the emulator's.</param>
    /// <param name="recorder">A handler that receives every request before the emulator does, or <see langword="null"/>.</param>
    public EmulatorSession(
        MarketoEmulatorOptions options,
        TimeProvider clock,
        int maxConcurrentCalls = 5,
        int timeScale = 1,
        DelegatingHandler? recorder = null)
    {
        options.TimeProvider = clock;
        Emulator = new MarketoEmulator(options);
        HttpMessageHandler handler = Emulator.CreateHandler();
        if (recorder is not null)
        {
            recorder.InnerHandler = handler;
            handler = recorder;
        }

        _httpClient = new HttpClient(handler) { BaseAddress = Emulator.BaseAddress };
        Client = new MarketoClient(
            _httpClient,
            new MarketoClientOptions
            {
                BaseAddress = Emulator.BaseAddress,
                ClientId = Emulator.ClientId,
                ClientSecret = Emulator.ClientSecret,
                MaxConcurrentCalls = maxConcurrentCalls,
                RateLimitWindow = TimeSpan.FromSeconds(20) / timeScale,
                RateLimitRetryDelay = TimeSpan.FromSeconds(20) / timeScale,
                RetryBaseDelay = TimeSpan.FromSeconds(1) / timeScale,
                RetryMaxDelay = TimeSpan.FromSeconds(60) / timeScale,
            },
            clock);
    }

    public MarketoEmulator Emulator { get; }

    public MarketoClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _httpClient.Dispose();
        await Emulator.DisposeAsync();
    }
}
