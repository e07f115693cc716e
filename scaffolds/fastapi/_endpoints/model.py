{% for schema in new_schemas %}
class {{ schema.name }}(BaseModel):
    {{ schema.description | json }}

    name: str = Field(..., description="A name for the {{ schema.name }}")


{% end %}
