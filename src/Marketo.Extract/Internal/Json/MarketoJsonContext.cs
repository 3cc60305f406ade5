using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Internal.Json;

/// <summary>
/// The source-generated serializer metadata of every shape the client reads or writes: camelCase names,
/// case-insensitive reads, numbers accepted as strings, and Marketo's timestamp forms.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(MarketoDateTimeJsonConverter), typeof(NullableMarketoDateTimeJsonConverter)])]
[JsonSerializable(typeof(MarketoEnvelope<JsonElement>))]
[JsonSerializable(typeof(MarketoEnvelope<ActivityTypeDto>))]
[JsonSerializable(typeof(MarketoEnvelope<CampaignDto>))]
[JsonSerializable(typeof(MarketoEnvelope<StaticListDto>))]
[JsonSerializable(typeof(MarketoEnvelope<ProgramDto>))]
[JsonSerializable(typeof(MarketoEnvelope<LeadActivityDto>))]
[JsonSerializable(typeof(MarketoEnvelope<ExportJobDto>))]
[JsonSerializable(typeof(MarketoEnvelope<LeadDescribe2Dto>))]
[JsonSerializable(typeof(MarketoEnvelope<LeadDescribeFieldDto>))]
[JsonSerializable(typeof(IdentityTokenDto))]
[JsonSerializable(typeof(ExportCreateBody))]
internal sealed partial class MarketoJsonContext : JsonSerializerContext;
