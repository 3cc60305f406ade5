using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Marketo.Extract.Tests.Client;

public class MarketoServiceCollectionExtensionsTests
{
    [Test]
    public void AddMarketoExtract_ResolvesClientsThatShareState()
    {
        var services = new ServiceCollection();
        services.AddMarketoExtract(options =>
        {
            options.BaseAddress = new Uri("https://123-abc-456.mktorest.com");
            options.ClientId = "id";
            options.ClientSecret = "secret";
        });
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<IMarketoClient>();
        var second = provider.GetRequiredService<IMarketoClient>();

        Assert.That(first, Is.InstanceOf<MarketoClient>());
        Assert.That(second.Statistics, Is.SameAs(first.Statistics));
        Assert.That(provider.GetRequiredService<TimeProvider>(), Is.SameAs(TimeProvider.System));
    }

    [Test]
    public void AddMarketoExtract_KeepsATimeProviderRegisteredBefore()
    {
        var fake = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(fake);
        services.AddMarketoExtract(options =>
        {
            options.BaseAddress = new Uri("https://123-abc-456.mktorest.com");
            options.ClientId = "id";
            options.ClientSecret = "secret";
        });
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<TimeProvider>(), Is.SameAs(fake));
    }

    [Test]
    public void AddMarketoExtract_InvalidOptions_FailStartupValidation()
    {
        var services = new ServiceCollection();
        services.AddMarketoExtract(options => options.BaseAddress = new Uri("ftp://x"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.BaseAddress 'ftp://x' is invalid"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.ClientId is missing"));
    }

    [Test]
    public void AddMarketoExtract_FromConfigurationSection_BindsEveryKnob()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Marketo:BaseAddress"] = "https://123-abc-456.mktorest.com/rest",
            ["Marketo:ClientId"] = "id",
            ["Marketo:ClientSecret"] = "secret",
            ["Marketo:MaxCallsPerWindow"] = "50",
            ["Marketo:RateLimitWindow"] = "00:00:20",
            ["Marketo:DailyCallBudget"] = "10000",
            ["Marketo:RequestTimeout"] = "00:02:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddMarketoExtract(configuration.GetSection("Marketo"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<MarketoClientOptions>>().Value;

        Assert.That(options.BaseAddress, Is.EqualTo(new Uri("https://123-abc-456.mktorest.com/rest")));
        Assert.That(options.MaxCallsPerWindow, Is.EqualTo(50));
        Assert.That(options.DailyCallBudget, Is.EqualTo(10000));
        Assert.That(options.RequestTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(provider.GetRequiredService<IMarketoClient>(), Is.Not.Null);
    }

    [Test]
    public void AddMarketoExtract_NullArguments_Throw()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => MarketoServiceCollectionExtensions.AddMarketoExtract(null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => services.AddMarketoExtract((Action<MarketoClientOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddMarketoExtract((IConfiguration)null!));
    }
}
