{% for schema in new_schemas %}
// {{ schema.description }}
struct {{ schema.name }} {
  std::string name;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE({{ schema.name }}, name)

{% end %}
