using Marketo.Extract.Testing;

namespace Marketo.Extract.Bench;

/// <summary>An emulator served in process and a <see cref="MarketoClient"/> wired to it.</summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    private readonly HttpClient _httpClient;

    public EmulatorSession(MarketoEmulatorOptions options, TimeProvider clock, int maxConcurrentCalls = 5)
    {
        options.TimeProvider = clock;
        Emulator = new MarketoEmulator(options);
        _httpClient = new HttpClient(Emulator.CreateHandler()) { BaseAddress = Emulator.BaseAddress };
        Client = new MarketoClient(
            _httpClient,
            new MarketoClientOptions
            {
                BaseAddress = Emulator.BaseAddress,
                ClientId = Emulator.ClientId,
                ClientSecret = Emulator.ClientSecret,
                MaxConcurrentCalls = maxConcurrentCalls,
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
