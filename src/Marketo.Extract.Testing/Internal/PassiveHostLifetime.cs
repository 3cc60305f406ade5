using Microsoft.Extensions.Hosting;

namespace Marketo.Extract.Testing.Internal;

/// <summary>
/// A host lifetime that listens to no process signal. The default console lifetime would register SIGINT,
/// SIGTERM and SIGQUIT handlers that cancel the signal and only stop the emulator's inner host, so the
/// process that embeds the emulator would never see them and would keep running. The process that owns
/// the emulator decides when to stop it.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
