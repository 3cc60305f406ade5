using System.Net;
using Marketo.Extract.Testing.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Testing.Tests;

public sealed class ErrorBarrierTests
{
    [Test]
    public async Task UnhandledException_611EnvelopeLoggedAndNotCounted()
    {
        var logger = new RecordingLoggerFactory();
        await using var harness = EmulatorHarness.Create(o => o.LoggerFactory = logger);
        await harness.AuthenticateAsync();
        logger.ThrowOn = "RequestServed";

        using var response = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, EmulatorEndpoints.ActivityTypes));
        string body = await response.Content.ReadAsStringAsync();
        logger.ThrowOn = null;
        using var usage = await harness.GetAsync(EmulatorEndpoints.Usage);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        using var envelope = System.Text.Json.JsonDocument.Parse(body);
        Assert.That(envelope.RootElement.GetProperty("success").GetBoolean(), Is.False);
        Assert.That(envelope.RootElement.GetProperty("requestId").GetString(), Does.Match("^[0-9a-f]+#[0-9a-f]+$"));
        Assert.That(EmulatorHarness.ErrorCode(envelope), Is.EqualTo("611"));
        Assert.That(EmulatorHarness.ErrorMessage(envelope), Is.EqualTo("System error"));
        var logged = logger.Entries.Single(e => e.EventName == "UnhandledException");
        Assert.That(logged.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(logged.Exception, Is.InstanceOf<InvalidOperationException>());
        Assert.That(harness.Emulator.Statistics.ErrorsByCode["611"], Is.EqualTo(1));
        Assert.That(EmulatorHarness.Result(usage).GetProperty("total").GetInt64(), Is.EqualTo(1), "a 611 is not counted against the quota");
    }

    [Test]
    public async Task UnhandledException_AfterResponseStarted_Aborts()
    {
        var logger = new RecordingLoggerFactory();
        var barrier = new ErrorBarrier(_ => "1#1", new EmulatorStatistics(), TimeProvider.System, logger.CreateLogger("test"));
        var lifetime = new RecordingLifetime();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(new StartedResponse());
        http.Features.Set<IHttpRequestLifetimeFeature>(lifetime);

        await barrier.InvokeAsync(http, _ => throw new InvalidOperationException("broken"));

        Assert.That(lifetime.Aborted, Is.True);
        Assert.That(logger.Entries.Select(e => e.EventName), Is.EqualTo(new[] { "UnhandledExceptionAfterResponseStarted" }));
    }

    [Test]
    public async Task ClientCancelled_NothingLoggedNoAbort()
    {
        var logger = new RecordingLoggerFactory();
        var barrier = new ErrorBarrier(_ => "1#1", new EmulatorStatistics(), TimeProvider.System, logger.CreateLogger("test"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var http = new DefaultHttpContext { RequestAborted = cancelled.Token };

        await barrier.InvokeAsync(http, _ => throw new OperationCanceledException(cancelled.Token));

        Assert.That(logger.Entries, Is.Empty);
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort() => Aborted = true;
    }
}
