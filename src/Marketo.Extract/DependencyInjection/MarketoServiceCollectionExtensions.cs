using System.Net;
using Marketo.Extract;
using Marketo.Extract.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Marketo.Extract in an <see cref="IServiceCollection"/>.</summary>
public static class MarketoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMarketoClient"/> as a typed client of <c>IHttpClientFactory</c>, with options that are
    /// validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options: at least <see cref="MarketoClientOptions.BaseAddress"/>, the client id and the secret.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or change the primary handler.</returns>
    /// <remarks>
    /// Every <see cref="IMarketoClient"/> resolved from the provider shares one token cache, one rate limit, one
    /// concurrency limit and one <see cref="MarketoClientStatistics"/>. The primary handler decompresses gzip.
    /// A <see cref="TimeProvider"/> registered before this call is used; otherwise <see cref="TimeProvider.System"/>.
    /// </remarks>
    public static IHttpClientBuilder AddMarketoExtract(this IServiceCollection services, Action<MarketoClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MarketoClientOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="IMarketoClient"/> as a typed client of <c>IHttpClientFactory</c>, with options bound
    /// from a configuration section and validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// The section that contains the options, such as <c>Marketo</c> with <c>BaseAddress</c>, <c>ClientId</c> and
    /// <c>ClientSecret</c> keys. Keep the secret in a secret store rather than in a settings file.
    /// </param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or change the primary handler.</returns>
    /// <remarks>See <see cref="AddMarketoExtract(IServiceCollection, Action{MarketoClientOptions})"/>.</remarks>
    public static IHttpClientBuilder AddMarketoExtract(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MarketoClientOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<MarketoClientOptions>, MarketoClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new MarketoClientState(
            provider.GetRequiredService<IOptions<MarketoClientOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            (ILogger?)provider.GetService<ILogger<MarketoClient>>() ?? NullLogger.Instance));

        return services
            .AddHttpClient<IMarketoClient, MarketoClient>(
                (httpClient, provider) => new MarketoClient(httpClient, provider.GetRequiredService<MarketoClientState>()))

            // Each attempt has its own timeout (RequestTimeout), which the HttpClient's own must not cut short.
            .ConfigureHttpClient(httpClient => httpClient.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            });
    }
}
