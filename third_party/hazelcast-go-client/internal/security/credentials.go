/*
 * Copyright (c) 2008-2021, Hazelcast, Inc. All Rights Reserved.
 *
 * Licensed under the Apache License, Version 2.0 (the "License")
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package security

// Credentials is a container object for endpoint (Members and Clients)
// security attributes.
// It is used on authentication process by {@link javax.security.auth.spi.LoginModule}s.
type Credentials interface {
	// Endpoint returns ip address of endpoint.
	Endpoint() string

	// SetEndpoint sets ip address of endpoint.
	SetEndpoint(endpoint string)

	// Principal returns principal of endpoint.
	Principal() string
}
