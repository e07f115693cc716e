{"{{ method }}", "{{ path }}", "{{ operation_id }}", {{ operation_id | snake }}},
