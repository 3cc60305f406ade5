using Marketo.Extract.Records;

namespace Marketo.Extract.Tests.Records;

public class MarketoNamesTests
{
    [TestCase("Client IP Address", "client_ip_address")]
    [TestCase("Webpage ID", "webpage_id")]
    [TestCase("Form Fields", "form_fields")]
    [TestCase("myCustomAttr", "my_custom_attr")]
    [TestCase("marketoGUID", "marketo_guid")]
    [TestCase("primaryAttributeValueId", "primary_attribute_value_id")]
    [TestCase("HTTPServer", "http_server")]
    [TestCase("address2", "address2")]
    [TestCase("Address2Line", "address2_line")]
    [TestCase("utm_campaign__c", "utm_campaign_c")]
    [TestCase("  Lead -- Score!  ", "lead_score")]
    [TestCase("Referrer URL", "referrer_url")]
    [TestCase("1st Touch", "_1st_touch")]
    [TestCase("Café Crème", "cafe_creme")]
    [TestCase("Größe", "große")]
    [TestCase("Имя Клиента", "имя_клиента")]
    [TestCase("名前", "名前")]
    [TestCase("Score 😀 Level", "score_level")]
    [TestCase("???", "_")]
    [TestCase("", "_")]
    [TestCase("snake_case_already", "snake_case_already")]
    public void ToSnakeCase_Name_FollowsTheRule(string name, string expected)
    {
        Assert.That(MarketoNames.ToSnakeCase(name), Is.EqualTo(expected));
    }

    [TestCase("Fill Out Form", "activities_fill_out_form")]
    [TestCase("Change Status in Progression", "activities_change_status_in_progression")]
    [TestCase("Visit Webpage", "activities_visit_webpage")]
    [TestCase("3rd Party Sync", "activities_3rd_party_sync")]
    public void ToActivityStreamId_TypeName_PrefixesSnakeCase(string typeName, string expected)
    {
        Assert.That(MarketoNames.ToActivityStreamId(typeName), Is.EqualTo(expected));
    }

    [Test]
    public void ToSnakeCase_Null_Throws()
    {
        Assert.That(() => MarketoNames.ToSnakeCase(null!), Throws.ArgumentNullException);
    }
}
